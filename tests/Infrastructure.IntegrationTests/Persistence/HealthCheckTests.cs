using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests.Persistence;

/// <summary>The readiness checks that AddInfrastructure registers, against the real servers.</summary>
public sealed class HealthCheckTests : IClassFixture<EmptyDatabaseFixture>
{
    private readonly EmptyDatabaseFixture _fixture;

    public HealthCheckTests(EmptyDatabaseFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task The_ready_checks_report_PostgreSQL_and_Redis_healthy()
    {
        var report = await _fixture.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(registration => registration.Tags.Contains(DependencyInjection.ReadyTag));

        Assert.Equal(["postgres", "redis"], report.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.All(report.Entries.Values, entry => Assert.Equal(HealthStatus.Healthy, entry.Status));
        Assert.Equal(HealthStatus.Healthy, report.Status);
    }
}
