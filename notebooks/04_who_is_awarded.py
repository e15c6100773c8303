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
# # 4. Who is awarded
#
# The named recipients of the award statements: which person or unit received (or was proposed for)
# which award, by which document. One row of `dataset.load(OUTDIR).recipients` is one (statement,
# recipient) pair, with the recipient's `kind` (individual, collective, household), `name`,
# `position`, `organization` and `unit_path` (the list's sub-heading), the award and its status, and
# the issuing document's number, date and province (`shared/RECORD.md`, `awards[].recipients`).
#
# **Data.** The run in `$VNADMIN_RUN`; without it, a fresh run over the repository's `corpus/documents`.
# The bundled corpus is small: the tables show the method, not national statistics.

# %%
import os

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

from vnadmin_extract import dataset
from vnadmin_extract.analysis.awards import LEVEL_LABELS, STATUS_LABELS
from vnadmin_extract.analysis.plotting import show
from vnadmin_extract.vietnamese import fold


def key(value: object) -> str:
    """Case- and tone-folded text for grouping; a missing value is ""."""
    return fold(value) if isinstance(value, str) else ""


pd.set_option("display.max_colwidth", 70)
pd.set_option("display.width", 160)

RUN = dataset.default_run()
ds = dataset.load(RUN)
print(f"run: {RUN} ({'from $VNADMIN_RUN' if os.environ.get('VNADMIN_RUN') else 'made from corpus/documents'})")
# The recipients table does not repeat the award's level and category: they come from `awards`.
rec = ds.recipients.merge(ds.awards[["doc_id", "award_id", "level", "category"]], on=["doc_id", "award_id"],
                          how="left")
named = rec["doc_id"].nunique()
print(f"{len(rec)} named recipients on {rec.groupby(['doc_id', 'award_id']).ngroups} award statements "
      f"in {named} documents (of {len(ds.documents)}); {ds.awards['total'].notna().sum()} statements give a count")
rec[["award", "status", "kind", "name", "position", "organization", "doc_number", "doc_symbol"]].head(10)

# %% [markdown]
# ## Individuals and collectives, by award level
# Which levels of award go to persons and which to units (a department, a school, a party cell).
# The statement's own counts (`collectives`, `individuals`) are the text's; here every *named*
# recipient counts once.

# %%
kinds = pd.crosstab(rec["level"], rec["kind"])
kinds = kinds.loc[[lv for lv in kinds.index if kinds.loc[lv].sum() > 0],
                  [k for k in kinds.columns if kinds[k].sum() > 0]]
kinds.index = [LEVEL_LABELS.get(str(i), str(i)) for i in kinds.index]
by_status = pd.crosstab(rec["status"], rec["kind"])
by_status = by_status.loc[[s for s in by_status.index if by_status.loc[s].sum() > 0],
                          [k for k in by_status.columns if by_status[k].sum() > 0]]
by_status.index = [STATUS_LABELS.get(str(i), str(i)) for i in by_status.index]
fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
colours = {"individual": "#4c72b0", "collective": "#dd8452", "household": "#55a868"}
kinds.plot.barh(stacked=True, ax=axes[0], color=[colours[str(k)] for k in kinds.columns])
axes[0].invert_yaxis()
axes[0].set(title="Named recipients by award level", xlabel="recipients", ylabel="")
by_status.plot.barh(stacked=True, ax=axes[1], color=[colours[str(k)] for k in by_status.columns])
axes[1].invert_yaxis()
axes[1].set(title="... and by status of the statement", xlabel="recipients", ylabel="")
fig.tight_layout()
show(fig, "04_kinds_by_level")
kinds.assign(Σ=kinds.sum(axis=1))

# %% [markdown]
# ## Individuals by position
# The position written with the name ("Phó Giám đốc Sở Tư pháp" gives the position *Phó Giám đốc*
# and the organisation *Sở Tư pháp*). Case is folded so that "Giáo viên" and "giáo viên" count once.

# %%
people = rec[rec["kind"] == "individual"].copy()
people["position_key"] = people["position"].map(key)
positions = (people.groupby("position_key")
             .agg(recipients=("name", "size"), documents=("doc_id", "nunique"),
                  # capitals sort first: "Giáo viên" is shown rather than "giáo viên"
                  shown_as=("position", lambda s: min(s.dropna(), default="(none given)")))
             .sort_values(["recipients", "shown_as"], ascending=[False, True]))
top = positions.head(15).set_index("shown_as")["recipients"]
fig, ax = plt.subplots(figsize=(8, 4.6))
top.iloc[::-1].plot.barh(ax=ax, color="#4c72b0")
ax.xaxis.set_major_locator(MaxNLocator(integer=True))
ax.set(title="Individuals by position (top 15)", xlabel="named recipients", ylabel="")
show(fig, "04_positions")
positions.head(15)

# %% [markdown]
# ## Repeat recipients
# The same person or unit in several statements or documents (a proposal, then the decision that
# confers; an award this year and another the next). Recipients are grouped by **name,
# organisation and the document's province** (case- and tone-folded), never by name alone: many
# people share a name, and a unit named without its organisation ("Sở Tài chính", "Bệnh viện Đa
# khoa tỉnh") is a different unit in each province.
# The second table shows names written with more than one organisation, the cases where grouping
# by name alone would merge different people (or where one person's organisation is written
# differently and the grouping splits them).

# %%
rec["who"] = rec["name"].map(key) + " | " + rec["organization"].map(key) + " | " + rec["province"].map(key)
groups = (rec.groupby("who")
          .agg(name=("name", "first"), organization=("organization", "first"), province=("province", "first"),
               kind=("kind", "first"),
               statements=("award_id", "size"), documents=("doc_id", "nunique"),
               awards=("award", lambda s: "; ".join(sorted(set(s.dropna())))),
               statuses=("status", lambda s: ", ".join(sorted({str(v) for v in s.dropna()}))))
          .sort_values(["statements", "documents", "name"], ascending=[False, False, True]))
repeat = groups[groups["statements"] > 1]
per = groups["statements"].value_counts().sort_index()
fig, ax = plt.subplots(figsize=(7, 3.4))
per.plot.bar(ax=ax, color="#55a868", rot=0)
ax.set(title="How often a recipient is named", xlabel="statements naming the same recipient",
       ylabel="recipients")
show(fig, "04_repeat_recipients")
print(f"{len(groups)} distinct recipients (name + organisation + province); "
      f"{len(repeat)} named in more than one statement")
repeat.reset_index(drop=True).head(15)

# %%
rec["name_key"] = rec["name"].map(key)
several = rec[rec["name_key"] != ""].groupby("name_key").filter(lambda g: g["organization"].map(key).nunique() > 1)
print(f"{several['name_key'].nunique()} names appear with more than one organisation")
several[["name", "kind", "position", "organization", "award", "doc_number", "doc_symbol"]].sort_values("name")

# %% [markdown]
# ## Evidence
# Each recipient row carries `start`/`end` into its document's text: the words it was read from.

# %%
for _, row in rec.head(5).iterrows():
    text = ds.text(row["doc_id"])
    where = " ".join(text[int(row["start"]):int(row["end"])].split())
    print(f"{row['name']} ({row['kind']}) <- {row['award']}, {row['doc_number']}/{row['doc_symbol']}: «{where}»")
