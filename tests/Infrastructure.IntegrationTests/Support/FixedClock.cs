namespace Shop.Infrastructure.IntegrationTests.Support;

/// <summary>A clock that answers the instant it was set to.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
