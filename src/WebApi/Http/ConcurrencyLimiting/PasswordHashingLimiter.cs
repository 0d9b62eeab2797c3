using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Shop.WebApi.Http.ConcurrencyLimiting;

/// <summary>
/// A second policy of the framework's concurrency limiter, for requests that hash a password (a login, a registration):
/// each costs a slow PBKDF2 hash, so at most <see cref="PasswordHashingLimiterOptions.PermitLimit"/> (the core count by
/// default) run at once per instance, a few more queue, and the rest are 503 with Retry-After. They never take the
/// <see cref="WriteConcurrencyLimiter"/>'s permits: a flood of logins is refused to the flood while orders and payments
/// still run.
/// </summary>
internal static class PasswordHashingLimiter
{
    /// <summary>The rate limiter's policy name, as its metrics report it.</summary>
    public const string Policy = "password-hashing";
    public const string QueueLimitKey = PasswordHashingLimiterOptions.Section + ":" + nameof(PasswordHashingLimiterOptions.QueueLimit);

    /// <summary>The <see cref="Policy"/> concurrency limiter, sized by <see cref="PasswordHashingLimiterOptions"/>.</summary>
    public static IServiceCollection AddPasswordHashingLimiter(this IServiceCollection services)
    {
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<PasswordHashingLimiterOptions>>((limiter, hashing) =>
            limiter.AddConcurrencyLimiter(Policy, options =>
            {
                options.PermitLimit = hashing.Value.PermitLimit;
                options.QueueLimit = hashing.Value.QueueLimit;
                options.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            }));
        return services;
    }

    /// <summary>
    /// Puts the builder's endpoints under the password-hashing limiter, instead of the writes' one: an endpoint that
    /// hashes a password (log in, register, change a password) takes this with one call.
    /// </summary>
    public static TBuilder LimitPasswordHashing<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireRateLimiting(Policy);

    /// <summary>Whether an endpoint's metadata puts it under the password-hashing limiter (for its documentation).</summary>
    public static bool IsLimited(IEnumerable<object> metadata) =>
        metadata.OfType<EnableRateLimitingAttribute>().Any(enabled => enabled.PolicyName == Policy);
}

/// <summary>`Shop:PasswordHashing`: how many password hashes run at once per instance, and how many may queue.</summary>
internal sealed class PasswordHashingLimiterOptions
{
    public const string Section = "Shop:PasswordHashing";

    /// <summary>A hash keeps a core busy: more at once than cores only makes each one slower.</summary>
    [Range(1, 1024, ErrorMessage = "a whole number from 1 to 1024")]
    public int PermitLimit { get; set; } = Environment.ProcessorCount;

    [Range(0, 10_000, ErrorMessage = "a whole number from 0 (queue none) to 10000")]
    public int QueueLimit { get; set; } = 32;
}
