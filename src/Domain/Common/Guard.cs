namespace Shop.Domain.Common;

internal static class Guard
{
    public static string RequiredText(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainValidationException(field, $"'{field}' must not be empty.");
        }

        if (trimmed.Contains('\0', StringComparison.Ordinal))
        {
            throw new DomainValidationException(field, $"'{field}' must not contain the NUL character.");
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainValidationException(field, $"'{field}' must be at most {maxLength} characters.");
        }

        return trimmed;
    }

    /// <summary>Now, in UTC, cut to the microsecond precision PostgreSQL stores.</summary>
    public static DateTime UtcNow(TimeProvider clock)
    {
        var ticks = clock.GetUtcNow().UtcTicks;
        return new DateTime(ticks - (ticks % 10), DateTimeKind.Utc);
    }
}
