using System.Diagnostics.CodeAnalysis;

namespace Shop.Domain.Common;

/// <summary>What a required text such as a name must be: present, free of U+0000 (PostgreSQL text cannot hold it), short enough once trimmed.</summary>
public static class TextRules
{
    public static bool IsPresent([NotNullWhen(true)] string? text) => !string.IsNullOrWhiteSpace(text);

    public static bool HasNoNul(string? text) => text is null || !text.Contains('\0', StringComparison.Ordinal);

    public static bool FitsWhenTrimmed(string? text, int maxLength) => text is null || text.Trim().Length <= maxLength;
}
