namespace Shop.Domain.Common;

/// <summary>Rules for amounts of money: non-negative, DECIMAL(10,2).</summary>
public static class Money
{
    public const decimal MaxAmount = 99_999_999.99m;

    public static bool HasAtMostTwoDecimals(decimal amount) => decimal.Round(amount, 2) == amount;

    public static bool IsValidAmount(decimal amount) =>
        amount is >= 0 and <= MaxAmount && HasAtMostTwoDecimals(amount);

    public static decimal RoundToCents(decimal amount) =>
        decimal.Round(amount, 2, MidpointRounding.AwayFromZero);
}
