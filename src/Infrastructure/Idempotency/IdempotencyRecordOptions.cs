using System.ComponentModel.DataAnnotations;

namespace Shop.Infrastructure.Idempotency;

/// <summary>The `Shop:Idempotency` settings: the removal of idempotency records past their 24 hours.</summary>
internal sealed class IdempotencyRecordOptions
{
    public const string Section = "Shop:Idempotency";

    /// <summary>How often each instance removes the records older than 24 hours.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "a duration from 00:00:01 to 1.00:00:00 (d.hh:mm:ss)")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);
}
