using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Shop.Application.Errors;
using Shop.Domain.Common;

namespace Shop.WebApi.Http.Problems;

/// <summary>
/// The one place where expected failures become problem+json responses, chosen by the exception's type and
/// structured data: a domain or use-case error by its category, a request the framework could not read by
/// <see cref="BadRequestProblems"/>. Never by message text, and no module's error type is named here.
/// </summary>
internal sealed class ProblemMapping : IExceptionHandler
{
    private const string RetryAfterSeconds = "5";

    private readonly IProblemDetailsService _problems;

    public ProblemMapping(IProblemDetailsService problems) => _problems = problems;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (ToProblem(exception, httpContext) is not { Status: { } status } problem)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        if (exception is UseCaseException { RetryAfter: { } retryAfter })
        {
            var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
        else if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        }

        return await _problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>The problem for an expected failure, or null for an unexpected one (a 500). Without an HTTP request
    /// (a command-line verb) a request the framework could not read cannot occur.</summary>
    internal static ProblemDetails? ToProblem(Exception exception, HttpContext? httpContext = null) => exception switch
    {
        ValidationException validation => Validation(validation.Errors
            .GroupBy(error => FieldNames.CamelCase(error.PropertyName))
            .ToDictionary(group => group.Key, group => group.Select(error => error.ErrorMessage).Distinct().ToArray())),
        DomainValidationException invalid => Validation(new() { [invalid.Field] = [invalid.Message] }),
        DomainException domain => ForCategory(domain.Category, domain.Message),
        UseCaseException useCase => ForCategory(useCase.Category, useCase.Message),
        BadHttpRequestException badRequest when httpContext is not null => BadRequestProblems.For(badRequest, httpContext),
        _ when TransientFailures.IsDatabaseTimeout(exception) =>
            ForCategory(ErrorCategory.Unavailable, "The query ran past its time limit and was cancelled; retry shortly."),
        _ when TransientFailures.IsDatabase(exception) =>
            ForCategory(ErrorCategory.Unavailable, "The database is unavailable right now; retry shortly."),
        _ => null,
    };

    internal static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    /// <summary>The most fields a validation problem names, and the most messages it gives one field: whatever a
    /// request holds, its problem body stays a few kilobytes.</summary>
    internal const int MaxErrorFields = 20;
    internal const int MaxMessagesPerField = 5;

    /// <summary>A 400 naming the first <see cref="MaxErrorFields"/> invalid fields; how many more there were is in
    /// the detail and in the `omittedFields` extension (only present when some were left out).</summary>
    internal static HttpValidationProblemDetails Validation(Dictionary<string, string[]> errors)
    {
        var shown = errors.Take(MaxErrorFields).ToDictionary(
            field => field.Key, field => field.Value.Take(MaxMessagesPerField).ToArray(), StringComparer.Ordinal);
        var omitted = errors.Count - shown.Count;
        var problem = new HttpValidationProblemDetails(shown)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
            Detail = omitted == 0
                ? "See the errors object for each invalid field."
                : $"See the errors object for the first {shown.Count} invalid fields; {omitted} more were left out.",
        };
        if (omitted > 0)
        {
            problem.Extensions["omittedFields"] = omitted;
        }

        return problem;
    }

    private static ProblemDetails ForCategory(ErrorCategory category, string detail) => category switch
    {
        ErrorCategory.Validation => Problem(StatusCodes.Status400BadRequest, "Bad request", detail),
        ErrorCategory.Unauthenticated => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail),
        ErrorCategory.Forbidden => Problem(StatusCodes.Status403Forbidden, "Forbidden", detail),
        ErrorCategory.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", detail),
        ErrorCategory.Conflict => Problem(StatusCodes.Status409Conflict, "Conflict", detail),
        ErrorCategory.Unprocessable => Problem(StatusCodes.Status422UnprocessableEntity, "Unprocessable request", detail),
        ErrorCategory.Unavailable => Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail),
        ErrorCategory.TooManyRequests => Problem(StatusCodes.Status429TooManyRequests, "Too many requests", detail),
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Every error category needs a status code."),
    };
}
