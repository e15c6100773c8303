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
# # 3. Legal references
#
# Which laws, decrees, directives and plans the documents cite ("Căn cứ Luật Thi đua, khen thưởng năm
# 2022 ..."), by whom, and over time. A reference is written many ways ("Nghị định số 98/2023/NĐ-CP
# ngày 31/12/2023 của Chính phủ", "Nghị định 98/2023/NĐ-CP"); `citations()` gives each one key
# (`cited`), marks central and local documents, and lends a missing year when the run cites the same
# document with one year only (`cited_inferred`). See `vnadmin_extract.analysis.legal`.
#
# **Data.** `$VNADMIN_RUN`, else a fresh run over `corpus/documents`.

# %%
import os

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd

from vnadmin_extract import dataset
from vnadmin_extract.analysis import citation_graph, citations, cited_table
from vnadmin_extract.analysis.legal import citing_label
from vnadmin_extract.analysis.plotting import show

pd.set_option("display.max_colwidth", 90)
pd.set_option("display.width", 180)

RUN = dataset.default_run()
ds = dataset.load(RUN)
print(f"run: {RUN} ({'from $VNADMIN_RUN' if os.environ.get('VNADMIN_RUN') else 'made from corpus/documents'})")
ds

# %% [markdown]
# ## What is cited
# One row per cited document: how many references, from how many documents and issuing bodies, and the
# years of the citing documents.

# %%
refs = citations(ds)
table = cited_table(ds)
print(f"{len(refs)} references to {len(table)} documents, from {refs['doc_id'].nunique()} citing documents; "
      f"{int(refs['cited_inferred'].sum())} keys completed with a year cited elsewhere")
table.head(20)

# %%
by_type = (refs.groupby(["doc_type", "scope"], observed=True).size().unstack("scope", fill_value=0)
           .assign(total=lambda d: d.sum(axis=1)).sort_values("total"))
fig, axes = plt.subplots(1, 2, figsize=(13, 4.8), gridspec_kw={"width_ratios": [1, 1.5]})
by_type.drop(columns="total").plot.barh(stacked=True, ax=axes[0], color={"central": "#4c72b0", "local": "#dd8452"})
axes[0].set(title="References by type of the cited document", xlabel="references", ylabel="")
top = table.head(12).iloc[::-1]
axes[1].barh(top["cited"], top["citing_documents"],
             color=["#4c72b0" if s == "central" else "#dd8452" for s in top["scope"]])
axes[1].set(title="Most cited documents (bars: citing documents)", xlabel="citing documents")
axes[1].tick_params(axis="y", labelsize=8)
fig.tight_layout()
show(fig, "03_most_cited")

# %% [markdown]
# ## Who cites what
# Citing bodies against the documents they cite (central documents cited at least twice). The 2022 Law
# on Emulation and Commendation and Decree 98/2023/NĐ-CP that implements it form the common legal base;
# the rest is local plans and decisions.

# %%
refs["citing"] = [citing_label(i, p, f"(no issuer: {d})")
                  for i, p, d in zip(refs["doc_issuer"], refs["doc_province"], refs["doc_id"], strict=True)]
common = table[(table["citing_documents"] >= 2)]["cited"]
matrix = (refs[refs["cited"].isin(common)]
          .pivot_table(index="citing", columns="cited", values="doc_id", aggfunc="nunique", fill_value=0))
matrix = matrix.loc[:, matrix.sum().sort_values(ascending=False).index]
fig, ax = plt.subplots(figsize=(10, 0.38 * len(matrix) + 2.5))
top_value = max(2, int(matrix.to_numpy().max()))
image = ax.imshow(matrix.to_numpy(), cmap="Blues", aspect="auto", vmin=0, vmax=top_value)
ax.set_xticks(range(matrix.shape[1]), matrix.columns, rotation=35, ha="right", fontsize=8)
ax.set_yticks(range(matrix.shape[0]), matrix.index, fontsize=8)
for (r, c), v in pd.DataFrame(matrix.to_numpy()).stack().items():
    if v:
        ax.text(c, r, int(v), ha="center", va="center", fontsize=7, color="white" if v > top_value / 2 else "black")
ax.set(title="Citing bodies × commonly cited documents (cells: citing documents)")
fig.colorbar(image, ax=ax, shrink=0.6)
show(fig, "03_who_cites_what")
matrix

# %% [markdown]
# ## Over time
# Each reference as a point: the citing document's date against the cited document's year. The
# distance to the diagonal is the age of the legal basis when it was cited; the 2022 law and its 2023
# decree replace the 2013 law's regime in documents from 2024 on.

# %%
dated = refs.dropna(subset=["doc_date", "year"]).copy()
dated["cited_year"] = dated["year"].astype(int)
dated["age"] = dated["doc_date"].dt.year - dated["cited_year"]
fig, ax = plt.subplots(figsize=(9, 4.8))
for scope, colour in (("central", "#4c72b0"), ("local", "#dd8452")):
    part = dated[dated["scope"] == scope]
    ax.scatter(part["doc_date"], part["cited_year"], color=colour, alpha=0.7, label=scope)
for key in table.head(3)["cited"]:
    point = dated[dated["cited"] == key]
    if len(point):
        ax.annotate(key, (point["doc_date"].min(), point["cited_year"].iloc[0]), fontsize=7,
                    xytext=(4, 4), textcoords="offset points")
ax.set(title="When documents cite what: citing date vs year of the cited document",
       xlabel="date of the citing document", ylabel="year of the cited document")
ax.legend()
show(fig, "03_over_time")
dated.groupby("scope", observed=True)["age"].describe()[["count", "mean", "50%", "max"]]

# %% [markdown]
# ## The citation network
# Citing bodies (left, orange) and cited documents (right, blue); an edge for each body that cites a
# document, its width the number of citing documents. Node size: how many bodies cite a document.

# %%
graph = citation_graph(ds)
citing_nodes = [n for n, d in graph.nodes(data=True) if d["kind"] == "citing"]
cited_nodes = sorted((n for n, d in graph.nodes(data=True) if d["kind"] == "cited"),
                     key=lambda n: -graph.in_degree(n))
print(f"{graph.number_of_nodes()} nodes ({len(citing_nodes)} citing bodies, {len(cited_nodes)} cited documents), "
      f"{graph.number_of_edges()} edges")
# Citing bodies ordered by the average rank of what they cite, so edges cross less.
order = {n: i for i, n in enumerate(cited_nodes)}
citing_nodes.sort(key=lambda n: sum(order[m] for m in graph.successors(n)) / max(1, graph.out_degree(n)))
pos = {n: (0.0, -i / max(1, len(citing_nodes) - 1)) for i, n in enumerate(citing_nodes)}
pos.update({n: (1.0, -i / max(1, len(cited_nodes) - 1)) for i, n in enumerate(cited_nodes)})
fig, ax = plt.subplots(figsize=(13, 0.3 * max(len(citing_nodes), len(cited_nodes)) + 2))
nx.draw_networkx_edges(graph, pos, ax=ax, width=[0.8 + 1.2 * d["weight"] for _, _, d in graph.edges(data=True)],
                       edge_color="#9aa5b1", alpha=0.7, arrows=False)
nx.draw_networkx_nodes(graph, pos, nodelist=citing_nodes, node_color="#dd8452", node_size=60, ax=ax)
nx.draw_networkx_nodes(graph, pos, nodelist=cited_nodes, ax=ax, node_color="#4c72b0",
                       node_size=[40 + 70 * graph.in_degree(n) for n in cited_nodes])
for n in citing_nodes:
    ax.text(pos[n][0] - 0.02, pos[n][1], n[:48], ha="right", va="center", fontsize=7)
for n in cited_nodes:
    ax.text(pos[n][0] + 0.04, pos[n][1], n[:52], ha="left", va="center", fontsize=7)
ax.set_xlim(-0.9, 1.9)
ax.set_axis_off()
ax.set_title("Who cites which legal documents")
show(fig, "03_network")

# %%
central = pd.DataFrame(
    [(n, graph.in_degree(n), d.get("doc_type"), d.get("scope")) for n, d in graph.nodes(data=True) if d["kind"] == "cited"],
    columns=["cited", "citing_bodies", "doc_type", "scope"],
).sort_values(["citing_bodies", "cited"], ascending=[False, True])
central.head(10)
