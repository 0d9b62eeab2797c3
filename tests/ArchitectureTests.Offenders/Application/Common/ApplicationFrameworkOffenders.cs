using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StackExchange.Redis;

namespace Shop.ArchitectureTests.Offenders.Application.Common;

/// <summary>Offends "Application does not depend on EF Core".</summary>
internal static class ApplicationTypeUsingEfCore
{
    public static int Count(DbContext context) => context.ChangeTracker.Entries().Count();
}

/// <summary>Offends "Application does not depend on Npgsql": a handler helper that reaches for the data source.</summary>
internal static class ApplicationTypeUsingNpgsql
{
    public static string? DatabaseOf(NpgsqlDataSource dataSource) =>
        new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database;
}

/// <summary>Offends "Application does not depend on StackExchange.Redis" (the use is inside an async method body).</summary>
internal static class ApplicationTypeUsingRedis
{
    public static async Task<bool> PingAsync(IServiceProvider services)
    {
        var redis = (IConnectionMultiplexer)services.GetService(typeof(IConnectionMultiplexer))!;
        var latency = await redis.GetDatabase().PingAsync();
        return latency > TimeSpan.Zero;
    }
}

/// <summary>Offends "Application does not depend on ASP.NET Core": it reads the caller from the HTTP context.</summary>
internal static class ApplicationTypeUsingAspNetCore
{
    public static string? CallerOf(IHttpContextAccessor accessor) => accessor.HttpContext?.User.Identity?.Name;
}
