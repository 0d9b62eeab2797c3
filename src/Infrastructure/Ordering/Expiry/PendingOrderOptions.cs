using System.ComponentModel.DataAnnotations;

namespace Shop.Infrastructure.Ordering.Expiry;

/// <summary>The `Shop:Orders` settings: when a pending order expires, and the sweep that cancels expired ones.</summary>
internal sealed class PendingOrderOptions
{
    public const string Section = "Shop:Orders";

    /// <summary>How long after it was placed a pending order can no longer be paid or added to, and is cancelled.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "a duration from 00:01:00 to 30.00:00:00 (d.hh:mm:ss)")]
    public TimeSpan PendingExpiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often each instance looks for expired pending orders.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "a duration from 00:00:01 to 01:00:00 (hh:mm:ss)")]
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>False: this instance does not sweep (another one does); expired orders are refused all the same.</summary>
    public bool ExpirySweepEnabled { get; set; } = true;
}
