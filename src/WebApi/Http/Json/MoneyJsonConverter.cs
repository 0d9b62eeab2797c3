using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shop.WebApi.Http.Json;

/// <summary>
/// Money in JSON: written with exactly two decimals (12.5 -> 12.50); read only when the number fits a decimal
/// exactly, so that 1e-30 or a 30th decimal is refused instead of silently rounded to a valid amount.
/// </summary>
internal sealed class MoneyJsonConverter : JsonConverter<decimal>
{
    public const string Refusal = "Must be a number with at most two decimals.";

    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string text;
        if (reader.TokenType == JsonTokenType.Number)
        {
            text = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        }
        else if (reader.TokenType == JsonTokenType.String && options.NumberHandling.HasFlag(JsonNumberHandling.AllowReadingFromString))
        {
            // Like the other numbers under the web defaults, a number may arrive as a string ("12.50").
            text = reader.GetString()!;
        }
        else
        {
            throw new MoneyFormatException();
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && Significand(text) == Significand(value.ToString(CultureInfo.InvariantCulture))
                ? value
                : throw new MoneyFormatException();
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        // Adding 0.00m raises the scale to at least two; rounding caps it at two.
        writer.WriteNumberValue(decimal.Round(value, 2, MidpointRounding.AwayFromZero) + 0.00m);
    }

    /// <summary>A number's value as significant digits and a power of ten: "-012.3400e1" -> ("1234", -1); null if malformed.</summary>
    private static (string Digits, long Exponent)? Significand(string number)
    {
        var text = number.Trim().TrimStart('-', '+');
        var exponentAt = text.IndexOfAny(['e', 'E']);
        long exponent = 0;
        if (exponentAt >= 0 && !long.TryParse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
        {
            return null;
        }

        var mantissa = exponentAt >= 0 ? text[..exponentAt] : text;
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        if (point >= 0)
        {
            exponent -= mantissa.Length - point - 1;
            mantissa = mantissa.Remove(point, 1);
        }

        mantissa = mantissa.TrimStart('0');
        var digits = mantissa.TrimEnd('0');
        return digits.Length == 0 ? (string.Empty, 0) : (digits, exponent + mantissa.Length - digits.Length);
    }
}

/// <summary>An amount that is not money; its own type, so the problem mapping can tell it from other JSON errors.</summary>
internal sealed class MoneyFormatException : JsonException
{
    public MoneyFormatException() : base(MoneyJsonConverter.Refusal)
    {
    }
}
