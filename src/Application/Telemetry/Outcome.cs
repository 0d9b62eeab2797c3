using System.Text.Json;
using FluentValidation;
using Shop.Application.Errors;
using Shop.Domain.Common;

namespace Shop.Application.Telemetry;

/// <summary>How a use case ended, as a metric tag: success, an error category, canceled or unexpected.</summary>
public static class Outcome
{
    public const string Canceled = "canceled";
    public const string Unexpected = "unexpected";
    private static readonly string Unavailable = Of(ErrorCategory.Unavailable);

    public static string Of(Exception exception) => exception switch
    {
        DomainException domain => Of(domain.Category),
        UseCaseException useCase => Of(useCase.Category),
        ValidationException => Of(ErrorCategory.Validation),
        OperationCanceledException => Canceled,
        _ when TransientFailures.IsDatabase(exception) => Of(ErrorCategory.Unavailable),
        _ => Unexpected,
    };

    /// <summary>The category's name in snake case (<c>not_found</c>, <c>too_many_requests</c>), so a new category needs no entry here.</summary>
    public static string Of(ErrorCategory category) =>
        Enum.IsDefined(category) ? JsonNamingPolicy.SnakeCaseLower.ConvertName(category.ToString()) : Unexpected;

    /// <summary>Whether the outcome is a fault of the server (worth an error status on the span), not a refusal of the request.</summary>
    public static bool IsFault(string outcome) => outcome == Unexpected || outcome == Unavailable;
}
