using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Shop.Application.Errors;
using Shop.Domain.Common;

namespace Shop.WebApi.Http.Problems;

/// <summary>
/// The one place where expected failures become problem+json responses, chosen by the exception's type and
/// structured data: a domain or use-case error by the code its type declares (<see cref="ProblemTypes"/>), a request
/// the framework could not read by <see cref="BadRequestProblems"/>. Never by message text, and no module's error type
/// is named here.
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
        DomainException domain => Problem(ProblemTypes.Of(domain.Code), domain.Message),
        UseCaseException useCase => Problem(ProblemTypes.Of(useCase.Code), useCase.Message),
        BadHttpRequestException badRequest when httpContext is not null => BadRequestProblems.For(badRequest, httpContext),
        _ when TransientFailures.IsDatabaseTimeout(exception) =>
            Problem(ProblemTypes.QueryTimeout, "The query ran past its time limit and was cancelled; retry shortly."),
        _ when TransientFailures.IsDatabase(exception) =>
            Problem(ProblemTypes.DatabaseUnavailable, "The database is unavailable right now; retry shortly."),
        _ => null,
    };

    /// <summary>A problem of the cause <paramref name="type"/>: its type, title and status, with this instance's detail.</summary>
    internal static ProblemDetails Problem(ProblemType type, string detail) =>
        new() { Type = type.Uri, Status = type.Status, Title = type.Title, Detail = detail };

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
            Type = ProblemTypes.ValidationFailed.Uri,
            Status = ProblemTypes.ValidationFailed.Status,
            Title = ProblemTypes.ValidationFailed.Title,
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
}
