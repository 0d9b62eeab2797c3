namespace Shop.Domain.Common;

internal static class Guard
{
    public static string RequiredText(string? value, string field, int maxLength)
    {
        if (!TextRules.IsPresent(value))
        {
            throw new DomainValidationException(field, ValidationMessages.Empty(field));
        }

        if (!TextRules.HasNoNul(value))
        {
            throw new DomainValidationException(field, ValidationMessages.ContainsNul(field));
        }

        if (!TextRules.FitsWhenTrimmed(value, maxLength))
        {
            throw new DomainValidationException(field, ValidationMessages.TooLong(field, maxLength));
        }

        return value.Trim();
    }

    /// <summary>Now, in UTC, cut to the microsecond precision PostgreSQL stores.</summary>
    public static DateTime UtcNow(TimeProvider clock)
    {
        var ticks = clock.GetUtcNow().UtcTicks;
        return new DateTime(ticks - (ticks % 10), DateTimeKind.Utc);
    }
}
