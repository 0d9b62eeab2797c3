namespace Shop.Application.UnitTests.Support;

/// <summary>A clock that always answers the same instant.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
