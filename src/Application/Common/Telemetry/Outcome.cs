using System.Data.Common;
using FluentValidation;
using Shop.Application.Common.Errors;
using Shop.Domain.Common;

namespace Shop.Application.Common.Telemetry;

/// <summary>How a use case ended, as a metric tag: success, an error category, canceled or unexpected.</summary>
public static class Outcome
{
    public const string Canceled = "canceled";
    public const string Unexpected = "unexpected";

    public static string Of(Exception exception) => exception switch
    {
        DomainException domain => Of(domain.Category),
        UseCaseException useCase => Of(useCase.Category),
        ValidationException => Of(ErrorCategory.Validation),
        OperationCanceledException => Canceled,
        _ when IsTransientDatabaseFailure(exception) => Of(ErrorCategory.Unavailable),
        _ => Unexpected,
    };

    public static string Of(ErrorCategory category) => category switch
    {
        ErrorCategory.Validation => "validation",
        ErrorCategory.Unauthenticated => "unauthenticated",
        ErrorCategory.Forbidden => "forbidden",
        ErrorCategory.NotFound => "not_found",
        ErrorCategory.Conflict => "conflict",
        ErrorCategory.Unprocessable => "unprocessable",
        ErrorCategory.Unavailable => "unavailable",
        _ => Unexpected,
    };

    /// <summary>Whether the outcome is a fault of the server (worth an error status on the span), not a refusal of the request.</summary>
    public static bool IsFault(string outcome) => outcome is Unexpected or "unavailable";

    private static bool IsTransientDatabaseFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
