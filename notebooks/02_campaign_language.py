# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 2. Campaign language
#
# How emulation campaigns speak: the anniversaries they are timed to, the movements and slogans they
# name and how often each recurs, the words that rise and fall, and the words in context.
#
# **Method.** Words come from underthesea's word segmentation with the domain compounds of
# `patterns/compounds.yaml` ("Bằng khen", "nông thôn mới"), written as term keys in lower case with
# `_` between syllables (`thi_đua`); stop words are `patterns/stopwords.yaml`; the national motto,
# the "Nơi nhận" list and signature blocks are left out of the counts. Each document is segmented
# once and cached (`vnadmin_extract.nlp.segment`).
#
# **Data.** `$VNADMIN_RUN`, else a fresh run over `corpus/documents`.

# %%
import os

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from vnadmin_extract import dataset
from vnadmin_extract.analysis import (
    distinctive_by,
    distinctive_terms,
    format_kwic,
    kwic,
    movement_summary,
    movements,
    term_frequencies,
    term_trend,
)
from vnadmin_extract.analysis.plotting import show
from vnadmin_extract.nlp.segment import default_segmenter

pd.set_option("display.max_colwidth", 90)
pd.set_option("display.width", 180)

RUN = dataset.default_run()
ds = dataset.load(RUN)
print(f"run: {RUN} ({'from $VNADMIN_RUN' if os.environ.get('VNADMIN_RUN') else 'made from corpus/documents'})")
ds

# %% [markdown]
# ## Commemorations on a timeline
# "80 năm Ngày Quốc khánh (02/9/1945 - 02/9/2025)": each commemoration links a historical event to the
# anniversary a campaign is timed to. Left: when the commemorated events happened; right: the
# anniversaries the documents look forward to, against the date of the document that names them.

# %%
com = ds.with_documents("commemorations", ("date", "year", "issuer", "doc_type"))
# "ngày sinh Chủ tịch Hồ Chí Minh" and "Ngày sinh ..." are one event.
com["event"] = com["event"].str[:1].str.upper() + com["event"].str[1:]
print(f"{len(com)} commemorations in {com['doc_id'].nunique()} documents; "
      f"{int((com['consistent'] == False).sum())} with an ordinal that does not match its dates")  # noqa: E712
com[["event", "ordinal", "start_date_iso", "anniversary_date_iso", "consistent", "doc_date", "doc_issuer"]]

# %%
events = (com.dropna(subset=["start_date"]).groupby("event")
          .agg(start=("start_date", "min"), mentions=("event", "size")).sort_values("start"))
fig, axes = plt.subplots(1, 2, figsize=(13, 5), gridspec_kw={"width_ratios": [1.1, 1]})
ax = axes[0]
ax.scatter(events["start"], range(len(events)), s=40 + 40 * events["mentions"], color="#c44e52", zorder=3)
ax.set_yticks(range(len(events)), [e if len(e) < 48 else e[:46] + "…" for e in events.index], fontsize=8)
ax.invert_yaxis()
ax.grid(axis="x", alpha=0.3)
ax.set(title="Commemorated events (size: mentions)", xlabel="date of the event")
ax = axes[1]
dated = com.dropna(subset=["anniversary_date", "doc_date"])
ax.scatter(dated["doc_date"], dated["anniversary_date"], color="#4c72b0", zorder=3)
for row in dated.itertuples():
    ax.annotate(f"{row.ordinal}", (row.doc_date, row.anniversary_date), fontsize=7, xytext=(3, 2),
                textcoords="offset points")
lo = min(dated["doc_date"].min(), dated["anniversary_date"].min())
hi = max(dated["doc_date"].max(), dated["anniversary_date"].max())
ax.plot([lo, hi], [lo, hi], color="grey", lw=0.8, ls="--", label="same day")
for axis in (ax.xaxis, ax.yaxis):
    axis.set_major_formatter(mdates.DateFormatter("%m/%Y"))
ax.tick_params(axis="x", rotation=30)
ax.set(title="Anniversaries ahead of the documents (label: ordinal)", xlabel="document date",
       ylabel="anniversary date")
ax.legend(loc="lower right")
fig.tight_layout()
show(fig, "02_commemorations")

# %% [markdown]
# ## Movements and slogans
# Named movements (phong trào), campaigns (cuộc vận động) and models (mô hình), with their slogans.
# Local variants of one national slogan form a family: "Hà Tĩnh chung sức xây dựng nông thôn mới" and
# "Cả nước chung sức xây dựng nông thôn mới" share the core "chung sức xây dựng nông thôn mới"
# (`template`: the slogan with its leading place name replaced by `<địa phương>`).

# %%
mv = movements(ds)
print(f"{len(mv)} mentions of {mv['key'].nunique()} distinct slogans in {mv['doc_id'].nunique()} documents")
movement_summary(ds)[["slogan", "kinds", "mentions", "documents", "issuers", "first_year", "last_year"]]

# %%
families = movement_summary(ds, level="core")
families[["core", "mentions", "documents", "variants"]].head(10)

# %%
fam = families.head(12).iloc[::-1]
fig, ax = plt.subplots(figsize=(10, 5))
ax.barh([c if len(c) < 60 else c[:58] + "…" for c in fam["core"]], fam["documents"], color="#55a868",
        label="documents")
ax.barh([c if len(c) < 60 else c[:58] + "…" for c in fam["core"]], fam["mentions"] - fam["documents"],
        left=fam["documents"], color="#8fd3a0", label="further mentions")
ax.set(title="Slogan families: in how many documents, how many mentions", xlabel="count")
ax.legend(loc="lower right")
show(fig, "02_slogans")

# %% [markdown]
# ## Term frequencies
# The most frequent words and two-word phrases, then per year. `per_1k` is per 1,000 words of the group.

# %%
corpus = ds.corpus()
seg = default_segmenter()
print(f"{len(corpus.docs)} documents, {len(corpus.tokens):,} tokens, "
      f"{int((corpus.tokens['kind'] == 'word').sum()):,} words; segmentation: {seg.stats.words:,} words "
      f"segmented in {seg.stats.seconds:.2f} s, {seg.stats.memory_hits + seg.stats.disk_hits} documents from the cache")
uni = term_frequencies(corpus, top=20)
bi = term_frequencies(corpus, n=2, top=20)
pd.concat([uni[["term", "count", "docs"]].reset_index(drop=True),
           bi[["term", "count", "docs"]].reset_index(drop=True)], axis=1, keys=["words", "bigrams"]).head(20)

# %%
by_year = term_frequencies(corpus, by="year", top=8)
by_year.pivot_table(index="rank", columns="year", values="term", aggfunc=lambda s: ", ".join(s)).head(8)

# %%
watch = ["thi đua", "khen thưởng", "phong trào thi đua", "chuyển đổi số", "nông thôn mới", "đổi mới", "sáng tạo"]
trend = term_trend(corpus, watch, by="year")
fig, ax = plt.subplots(figsize=(9, 4.2))
trend.plot(ax=ax, marker="o")
ax.set(title="Term trends (occurrences per 1,000 words)", xlabel="year of the document", ylabel="per 1,000 words")
ax.set_xticks(trend.index.astype(int))
ax.legend(fontsize=8, ncol=2)
show(fig, "02_term_trends")
trend.round(2)

# %% [markdown]
# ## Keyword in context
# Every occurrence of "thi đua" with eight words on each side (`kwic(corpus, "thi đua", window=8)`),
# then of "chung sức" — the verb of the national campaign slogans.

# %%
k = kwic(corpus, "thi đua", window=8)
print(f"{len(k)} occurrences of 'thi đua' in {k['doc_id'].nunique()} documents")
k[["left", "match", "right", "section", "doc_type", "year"]].head(25)

# %%
print(format_kwic(kwic(corpus, "chung sức", window=6), width=55))

# %% [markdown]
# ## Distinctive terms
# Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008; see
# `vnadmin_extract.analysis.distinctive`): positive `z` marks words typical of the first group. Counted
# once per document (`unit="docs"`) because single long documents would otherwise dominate a corpus this small.

# %%
plans = distinctive_terms(corpus, ["Kế hoạch", "Hướng dẫn", "Chương trình", "Công văn"], by="doc_type",
                          b=["Báo cáo", "Quyết định", "Thông báo", "Tờ trình"], unit="docs", min_count=2)
both = pd.concat([plans.head(12).assign(side="plans, guidance"),
                  plans.tail(12).iloc[::-1].assign(side="reports, decisions")])
fig, ax = plt.subplots(figsize=(8, 6))
colors = ["#4c72b0" if z > 0 else "#dd8452" for z in both["z"]]
ax.barh(both["term"].iloc[::-1], both["z"].iloc[::-1], color=colors[::-1])
ax.axvline(0, color="black", lw=0.8)
ax.set(title="Forward-looking (plans) vs backward-looking (reports) vocabulary", xlabel="z (log-odds, informative prior)")
show(fig, "02_distinctive")
both[["side", "term", "count_a", "count_b", "z"]]

# %%
distinctive_by(corpus, "year", k=6, unit="docs").pivot_table(index="rank", columns="year", values="term",
                                                             aggfunc="first")
