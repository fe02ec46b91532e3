// Imported with #!import: compiled as script code, like a cell.
static double Scale(double x, double by) => x * by;
Console.WriteLine("helper.cs imported");
