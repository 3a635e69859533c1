"""Read a GraphML or GEXF file with networkx and print what the Go test
checks: node and edge counts, and the attributes of every node and edge."""
import json
import sys

import networkx as nx

fmt, path = sys.argv[1], sys.argv[2]
g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
nodes = {str(n): {k: v for k, v in d.items()} for n, d in g.nodes(data=True)}
edges = []
for e in g.edges(data=True):
    u, v, d = e
    edges.append({"source": str(u), "target": str(v), **d})
print(json.dumps({"directed": g.is_directed(), "nodes": nodes, "edges": edges}, default=str))
