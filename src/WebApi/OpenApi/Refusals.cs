using Shop.WebApi.Http.Problems;

namespace Shop.WebApi.OpenApi;

/// <summary>Endpoint metadata: the causes (problem types) the endpoint itself may refuse with, beyond those every route shares.</summary>
internal sealed record Refusals(IReadOnlyList<ProblemType> Causes);

internal static class RefusalsExtensions
{
    /// <summary>Declares the endpoint's own causes of refusal: each becomes a problem response of its status in the document.</summary>
    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder builder, params ProblemType[] causes)
    {
        foreach (var status in causes.Select(cause => cause.Status).Distinct().Where(status => status != StatusCodes.Status400BadRequest))
        {
            builder.ProducesProblem(status);
        }

        return builder.WithMetadata(new Refusals(causes));
    }
}
