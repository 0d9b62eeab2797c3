using System.Globalization;

namespace Shop.Load;

/// <summary>What a run measures with: the API build, how many clients and for how long.</summary>
internal sealed record LoadSettings(string ApiDll, int Clients, int Seconds, int HotPayers, int HotStock)
{
    public static LoadSettings Parse(string apiDll, IReadOnlyList<string> options)
    {
        var settings = new LoadSettings(Path.GetFullPath(apiDll), Clients: 32, Seconds: 15, HotPayers: 200, HotStock: 50);
        for (var i = 0; i + 1 < options.Count; i += 2)
        {
            var value = int.Parse(options[i + 1], CultureInfo.InvariantCulture);
            settings = options[i] switch
            {
                "--clients" => settings with { Clients = value },
                "--seconds" => settings with { Seconds = value },
                "--payers" => settings with { HotPayers = value },
                "--hot-stock" => settings with { HotStock = value },
                _ => throw new ArgumentException($"Unknown option {options[i]}."),
            };
        }

        if (!File.Exists(settings.ApiDll))
        {
            throw new FileNotFoundException($"Build the API first (dotnet build src/WebApi -c Release): {settings.ApiDll} is missing.");
        }

        return settings;
    }
}
