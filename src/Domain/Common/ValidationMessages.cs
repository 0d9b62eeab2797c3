namespace Shop.Domain.Common;

/// <summary>
/// The wording of the field errors that the domain's guards and the application's validators share, so a client
/// reads the same sentence whichever refused the value. Validators pass FluentValidation's <c>{PropertyName}</c>.
/// </summary>
public static class ValidationMessages
{
    public static string Empty(string field) => $"'{field}' must not be empty.";

    public static string ContainsNul(string field) => $"'{field}' must not contain the NUL character.";

    public static string TooLong(string field, int maxLength) => $"'{field}' must be at most {maxLength} characters.";
}
