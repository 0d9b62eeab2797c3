namespace Shop.Load;

/// <summary>
/// Load benchmarks against a real API process under concurrency, each beside an anchor measured in the same run:
/// <c>bash benchmarks/load.sh write</c> (order flow and hot-product burst beside pgbench TPC-B and a raw guarded
/// decrement) and <c>bash benchmarks/load.sh read</c> (warm product read beside bare Kestrel, search page beside
/// raw Npgsql). The script builds the API and passes its dll.
/// </summary>
public static class LoadProgram
{
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["bare-kestrel", var bodyFile]:
                await BareKestrel.RunAsync(bodyFile);
                return 0;
            case ["write", var apiDll, .. var rest]:
                await WritePathBenchmark.RunAsync(LoadSettings.Parse(apiDll, rest));
                return 0;
            case ["webhooks", var apiDll, .. var rest]:
                await WebhookBenchmark.RunAsync(LoadSettings.Parse(apiDll, rest));
                return 0;
            case ["read", var apiDll, .. var rest]:
                await ReadPathBenchmark.RunAsync(LoadSettings.Parse(apiDll, rest));
                return 0;
            default:
                await Console.Error.WriteLineAsync(
                    "usage: Shop.Load write|read|webhooks <Shop.WebApi.dll> [--clients N] [--seconds S] [--payers N] [--hot-stock N]");
                return 2;
        }
    }
}
