using System.Runtime.CompilerServices;

namespace Shop.Application.Validation;

/// <summary>
/// Reads a command value that a client may leave out but whose presence the command's validator requires
/// (the validation behaviour runs before every handler), so the command can say honestly that it may be missing.
/// </summary>
internal static class Validated
{
    public static T Present<T>(T? value, [CallerArgumentExpression(nameof(value))] string expression = "")
        where T : struct =>
        value ?? throw Unvalidated(expression);

    public static T Present<T>(T? value, [CallerArgumentExpression(nameof(value))] string expression = "")
        where T : class =>
        value ?? throw Unvalidated(expression);

    private static InvalidOperationException Unvalidated(string expression) =>
        new($"{expression} reached the handler without a value: the command's validator must require it.");
}
