// Loaded with #load: script code, so top-level members and no namespace.
int Twice(int x) => 2 * x;
var loadedFromCsx = "csx";
