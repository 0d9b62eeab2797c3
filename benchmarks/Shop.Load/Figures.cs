using System.Globalization;

namespace Shop.Load;

/// <summary>Prints one measured figure per line, aligned, so runs can be compared by eye or by grep.</summary>
internal static class Figures
{
    public static void Print(string name, double value, string unit) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-44} {value,12:N2} {unit}"));

    public static void Ratio(string name, double value, double anchor) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-44} {value / anchor,12:N3} (ratio)"));

    public static void Section(string title) => Console.WriteLine($"\n== {title}");
}
