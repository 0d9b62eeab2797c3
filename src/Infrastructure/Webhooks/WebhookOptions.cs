using System.ComponentModel.DataAnnotations;

namespace Shop.Infrastructure.Webhooks;

/// <summary>The `Shop:Webhooks` settings: how deliveries are sent.</summary>
internal sealed class WebhookOptions
{
    public const string Section = "Shop:Webhooks";

    /// <summary>After the first attempt fails, the next is due after the first of these, and so on; then the delivery has failed.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultRetrySchedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(6),
    ];

    /// <summary>
    /// True: URLs on loopback, private, link-local and unique-local addresses are allowed (tests, receivers on the
    /// operator's own network). False (the default) refuses them at registration and at every delivery.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How long one attempt may take, from connecting to the end of the answer's headers; longer is a failed attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "a duration from 00:00:00.100 to 00:05:00 (hh:mm:ss)")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The delays between attempts (<see cref="DefaultRetrySchedule"/> when none is configured: the binder would append
    /// configured entries to a default list, so the default is filled in after binding).
    /// </summary>
    [RetrySchedule]
    public IReadOnlyList<TimeSpan> RetrySchedule { get; set; } = [];
}

/// <summary>Every delay of the schedule longer than zero; the first that is not is named by its index.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class RetryScheduleAttribute : ValidationAttribute
{
    public RetryScheduleAttribute()
        : base("a list of durations longer than zero (hh:mm:ss), e.g. Shop__Webhooks__RetrySchedule__0=00:00:05")
    {
    }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        var delays = value as IReadOnlyList<TimeSpan> ?? [];
        for (var index = 0; index < delays.Count; index++)
        {
            if (delays[index] <= TimeSpan.Zero)
            {
                return new ValidationResult(FormatErrorMessage(validationContext.DisplayName), [$"{validationContext.MemberName}:{index}"]);
            }
        }

        return ValidationResult.Success;
    }
}
