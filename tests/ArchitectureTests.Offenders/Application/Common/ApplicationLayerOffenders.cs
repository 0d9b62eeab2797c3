using Microsoft.EntityFrameworkCore;
using Shop.Infrastructure;
using StackExchange.Redis;

namespace Shop.ArchitectureTests.Offenders.Application.Common;

/// <summary>Offends "Application does not depend on StackExchange.Redis" (the use is inside an async method body).</summary>
internal static class ApplicationTypeUsingRedis
{
    public static async Task<bool> PingAsync(IServiceProvider services)
    {
        var redis = (IConnectionMultiplexer)services.GetService(typeof(IConnectionMultiplexer))!;
        var latency = await redis.GetDatabase().PingAsync().ConfigureAwait(false);
        return latency > TimeSpan.Zero;
    }
}

/// <summary>Offends "Application does not depend on EF Core".</summary>
internal static class ApplicationTypeUsingEfCore
{
    public static int Count(DbContext context) => context.ChangeTracker.Entries().Count();
}

/// <summary>Offends "Application does not depend on Infrastructure".</summary>
internal static class ApplicationTypeUsingInfrastructure
{
    public static string Name => typeof(InfrastructureAssembly).Assembly.GetName().Name!;
}
