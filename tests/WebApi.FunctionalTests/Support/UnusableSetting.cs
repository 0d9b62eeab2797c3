using Shop.TestSupport;

namespace Shop.WebApi.FunctionalTests.Support;

/// <summary>Starts the API as its own process with settings it cannot use, and gives back how it ended.</summary>
internal static class UnusableSetting
{
    public static Task<(int ExitCode, string Output)> StartWithAsync(string variable, string value) => StartWithAsync((variable, value));

    /// <summary>
    /// Starts the host with one unusable value and asserts the one wording: exit code 2 and a single line that begins
    /// with <paramref name="message"/> and names the value and the environment variable.
    /// </summary>
    public static async Task AssertStopsTheHostAsync(string variable, string value, string message)
    {
        var (exitCode, output) = await StartWithAsync(variable, value);

        Assert.True(exitCode == 2, output);
        Assert.StartsWith(message, output, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", output, StringComparison.Ordinal);
        Assert.Contains(variable, output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public static async Task<(int ExitCode, string Output)> StartWithAsync(params (string Variable, string Value)[] settings)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var environment = new Dictionary<string, string?>
        {
            // Never opened: the host stops while it registers its services.
            ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Database=unused",
            ["ConnectionStrings__Redis"] = "127.0.0.1:1,abortConnect=false",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        };
        foreach (var (variable, value) in settings)
        {
            environment[variable] = value;
        }

        return await ChildProcess.RunAsync(
            dotnet, [Path.Combine(AppContext.BaseDirectory, "Shop.WebApi.dll")], AppContext.BaseDirectory, TimeSpan.FromMinutes(1), environment);
    }
}
