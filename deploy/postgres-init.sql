-- The engine keeps its tables in a database of its own, next to ours, on the same server.
CREATE DATABASE engine OWNER motcua;
