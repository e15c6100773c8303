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
# # 1. The award dataset
#
# Every award statement the extractor found: *who* confers *which* award on *how many* collectives
# and individuals, *for which year*, and whether it was conferred, registered, proposed or only a
# target. One row is one statement (`shared/RECORD.md`, `awards[]`); `text[start:end]` is its evidence.
#
# **Data.** The run in `$VNADMIN_RUN` (the output folder of `vnadmin-extract run`); without it, a fresh
# run over the repository's `corpus/documents` in a temporary folder. The bundled corpus is small
# (18 documents): the figures show the method, not national statistics.

# %%
import os

import matplotlib.pyplot as plt
import pandas as pd

from vnadmin_extract import dataset
from vnadmin_extract.analysis.awards import CATEGORY_LABELS, LEVEL_LABELS, STATUS_LABELS, awards_table
from vnadmin_extract.analysis.plotting import show

pd.set_option("display.max_colwidth", 80)
pd.set_option("display.width", 160)

RUN = dataset.default_run()
ds = dataset.load(RUN)
print(f"run: {RUN} ({'from $VNADMIN_RUN' if os.environ.get('VNADMIN_RUN') else 'made from corpus/documents'})")
ds

# %% [markdown]
# ## The documents
# Which kinds of documents carry award statements, and how many each.

# %%
docs = ds.documents
# A news article has no type line: show its genre instead.
kind = docs["doc_type"].astype(object).where(docs["doc_type"].notna(), "(" + docs["genre"].astype(str) + ")")
overview = (docs.assign(doc_type=kind)
            .groupby("doc_type")
            .agg(documents=("doc_id", "size"), award_statements=("n_awards", "sum"),
                 first=("date", "min"), last=("date", "max"))
            .sort_values("documents", ascending=False))
overview

# %% [markdown]
# ## Awards by category, level and status
# `awards_table` adds the issuing document's metadata, the legal recipient kind of each award
# (from the taxonomy in `patterns/awards.yaml`) and one spelling per conferring authority.

# %%
aw = awards_table(ds)


def context(row: pd.Series, before: int = 110, after: int = 60) -> str:
    """The statement's words with some text around them (the award span is only the award's name)."""
    text = ds.text(row["doc_id"])
    s, e = int(row["start"]), int(row["end"])
    return "… " + " ".join(text[max(0, s - before):min(len(text), e + after)].split()) + " …"


print(f"{len(aw)} award statements in {aw['doc_id'].nunique()} documents; "
      f"{aw['total'].notna().mean():.0%} give a number of recipients")
aw[["award", "category", "level", "status", "authority", "collectives", "individuals", "households", "total",
    "year", "doc_type"]].head(12)

# %%
by_cat_status = pd.crosstab(aw["category"].map(CATEGORY_LABELS), aw["status"], margins=True, margins_name="Σ")
by_cat_status

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
counts = pd.crosstab(aw["level"], aw["status"])
counts = counts.loc[[lv for lv in counts.index if counts.loc[lv].sum() > 0]]
counts.index = [LEVEL_LABELS.get(str(i), str(i)) for i in counts.index]
counts.columns = [STATUS_LABELS.get(str(c), str(c)) for c in counts.columns]
counts.plot.barh(stacked=True, ax=axes[0], colormap="tab10")
axes[0].invert_yaxis()
axes[0].set(title="Award statements by level and status", xlabel="statements", ylabel="")
recipients = aw.groupby("level", observed=True)["total"].sum()
recipients = recipients[recipients > 0]
recipients.index = [LEVEL_LABELS.get(str(i), str(i)) for i in recipients.index]
recipients.plot.barh(ax=axes[1], color="#4c72b0", logx=True)
axes[1].invert_yaxis()
axes[1].set(title="Recipients covered (sum of `total`, log scale)", xlabel="recipients", ylabel="")
fig.tight_layout()
show(fig, "01_awards_by_level_status")

# %% [markdown]
# ## Which awards, and for which year
# The canonical award names (`award`) with the number of statements and recipients. The year is the
# year the award is *for* (from the sentence, the section heading or the document date).

# %%
top = (aw.groupby("award")
       .agg(statements=("award", "size"), documents=("doc_id", "nunique"), recipients=("total", "sum"),
            category=("category", "first"))
       .sort_values(["statements", "recipients"], ascending=False))
top.head(15)

# %%
year_status = pd.crosstab(aw["year"], aw["status"])
year_status.columns = [STATUS_LABELS.get(str(c), str(c)) for c in year_status.columns]
fig, ax = plt.subplots(figsize=(8, 3.6))
year_status.plot.bar(ax=ax, stacked=True, colormap="tab10", rot=0)
ax.set(title="Award statements by award year and status", xlabel="award year", ylabel="statements")
show(fig, "01_awards_by_year")
year_status

# %% [markdown]
# ## Conferring authorities
# Who confers (or is asked to confer) the awards. Conferred statements are the awards actually given;
# proposals (`đề nghị`) point up the hierarchy: a province proposes, the Prime Minister or the President confers.

# %%
auth = (aw.dropna(subset=["authority"])
        .pivot_table(index="authority", columns="status", values="award", aggfunc="size", fill_value=0,
                     observed=True))
auth = auth.loc[auth.sum(axis=1).sort_values(ascending=False).index]
auth.columns = [STATUS_LABELS.get(str(c), str(c)) for c in auth.columns]
fig, ax = plt.subplots(figsize=(9, 5))
auth.head(15).iloc[::-1].plot.barh(stacked=True, ax=ax, colormap="tab10")
ax.set(title="Conferring authorities (top 15)", xlabel="statements", ylabel="")
show(fig, "01_authorities")
print(f"{aw['authority'].isna().sum()} statements name no authority (e.g. targets: 'phấn đấu 100% ...')")
auth.head(15)

# %% [markdown]
# ## Collectives against individuals
# Statements give a number of collectives (tập thể, đơn vị, chi bộ ...), of individuals (cá nhân, đảng
# viên ...), both, or a total whose kind the text leaves open. Household awards ("Gia đình văn hóa")
# are counted apart. The taxonomy says whom each award is for by law (`recipient_kind`): a statement
# that counts individuals for a collective-only title would be an extraction error worth a look.

# %%
sums = aw.groupby("category", observed=True)[["collectives", "individuals", "households", "total"]].sum()
sums.index = [CATEGORY_LABELS.get(str(i), str(i)) for i in sums.index]
sums

# %%
mixed = aw[aw["collectives"].notna() | aw["individuals"].notna()].copy()
fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
per_award = (mixed.groupby("award")[["collectives", "individuals"]].sum()
             .assign(all=lambda d: d.sum(axis=1)).sort_values("all", ascending=False).head(12)
             .drop(columns="all"))
per_award.iloc[::-1].plot.barh(stacked=True, ax=axes[0], color=["#dd8452", "#4c72b0"], logx=False)
axes[0].set(title="Collectives and individuals per award (top 12)", xlabel="recipients", ylabel="")
kinds = {"collective": "#dd8452", "individual": "#4c72b0", "any": "#55a868"}
for kind, colour in kinds.items():
    part = mixed[mixed["recipient_kind"] == kind]
    axes[1].scatter(part["collectives"].fillna(0).astype(float) + 1, part["individuals"].fillna(0).astype(float) + 1,
                    label=kind, color=colour, alpha=0.75)
axes[1].set(xscale="log", yscale="log", title="One point per statement (counts + 1, log)",
            xlabel="collectives + 1", ylabel="individuals + 1")
axes[1].legend(title="award is for")
fig.tight_layout()
show(fig, "01_collectives_individuals")

# %%
suspicious = aw[((aw["recipient_kind"] == "collective") & aw["individuals"].notna())
                | ((aw["recipient_kind"] == "individual") & aw["collectives"].notna())]
print(f"{len(suspicious)} statements whose counts contradict the award's recipient kind")
suspicious.assign(context=[context(row) for _, row in suspicious.iterrows()])[
    ["award", "recipient_kind", "collectives", "individuals", "context"]]

# %% [markdown]
# ## Evidence
# Every number above can be checked against the text: `statement` is `text[start:end]` of the record
# (`ds.evidence("awards", i)` gives the same), and `vnadmin-extract highlight` draws the document with
# the award linked to its words.

# %%
sample = aw.sort_values("total", ascending=False).head(5)
for _, row in sample.iterrows():
    print(f"{row['award']} | {row['status']} | total={row['total']} | {row['doc_type']}, {row['doc_issuer']}")
    print(f"    {context(row)}\n")
