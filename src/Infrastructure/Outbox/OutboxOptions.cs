using System.ComponentModel.DataAnnotations;

namespace Shop.Infrastructure.Outbox;

/// <summary>The `Shop:Outbox` settings: the relay that delivers the outbox's webhook deliveries, and how long they are kept.</summary>
internal sealed class OutboxOptions
{
    public const string Section = "Shop:Outbox";

    /// <summary>False: this instance runs no relay (others do, or the `relay` verb); commits still write the outbox.</summary>
    public bool RelayEnabled { get; set; } = true;

    /// <summary>How long the relay sleeps when nothing is due and no commit woke it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00", ErrorMessage = "a duration from 00:00:00.050 to 01:00:00 (hh:mm:ss)")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed delivery is the claiming relay's alone; a crashed relay's claims run out after it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "a duration from 00:00:01 to 01:00:00 (hh:mm:ss), longer than Shop:Webhooks:Timeout")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long delivered and failed deliveries, and then their messages, are kept.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00", ErrorMessage = "a duration from 00:00:01 to 3650.00:00:00 (d.hh:mm:ss)")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How many deliveries one relay sends at once at most; each claim takes as many due ones as places are free.</summary>
    [Range(1, 1000, ErrorMessage = "a whole number from 1 to 1000")]
    public int BatchSize { get; set; } = 32;
}
