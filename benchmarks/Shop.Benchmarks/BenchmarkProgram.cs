using BenchmarkDotNet.Running;

namespace Shop.Benchmarks;

/// <summary>`dotnet run -c Release --project benchmarks/Shop.Benchmarks [-- --filter *Product*]`.</summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
