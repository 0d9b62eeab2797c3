using System.Runtime.ExceptionServices;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Shop.Application.Errors;
using Shop.Application.Identity.Ports;

using Shop.WebApi.Http.Problems;

namespace Shop.WebApi.Http.Authentication;

/// <summary>Authenticates `Authorization: Bearer &lt;token&gt;` against the session store in Redis.</summary>
internal sealed class BearerAuthentication : AuthenticationHandler<AuthenticationSchemeOptions>
{
    public const string SchemeName = "Bearer";
    public const string AdminRole = "admin";
    public const string AdminPolicy = "admin";
    private static readonly object OutageKey = new();

    private readonly ISessionStore _sessions;
    private readonly IProblemDetailsService _problems;

    public BearerAuthentication(
        IOptionsMonitor<AuthenticationSchemeOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        ISessionStore sessions,
        IProblemDetailsService problems)
        : base(options, logger, encoder)
    {
        _sessions = sessions;
        _problems = problems;
    }

    public static string? TokenOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = TokenOf(Request);
        if (string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.NoResult();
        }

        SessionInfo? session;
        try
        {
            session = await _sessions.FindAsync(token, Context.RequestAborted);
        }
        catch (ServiceUnavailableException outage)
        {
            // Anonymous routes (the catalog) still answer while the session store is down; a route that needs
            // the caller fails with the outage when it challenges, below.
            Context.Items[OutageKey] = outage;
            return AuthenticateResult.NoResult();
        }

        if (session is null)
        {
            return AuthenticateResult.Fail("The token is unknown or expired.");
        }

        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, session.UserId.ToString()),
            new(ClaimTypes.Email, session.Email),
        ];
        // From the user's record, stored with the session when it was created; never from the e-mail.
        if (session.IsAdministrator)
        {
            claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[OutageKey] is ServiceUnavailableException outage)
        {
            ExceptionDispatchInfo.Throw(outage);
        }

        Response.Headers.WWWAuthenticate = SchemeName;
        return WriteProblemAsync(ProblemTypes.AuthenticationRequired, "A valid bearer token is required.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(ProblemTypes.Forbidden, "Only administrators may manage the catalog.");

    private async Task WriteProblemAsync(ProblemType type, string detail)
    {
        Response.StatusCode = type.Status;
        await _problems.WriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = ProblemMapping.Problem(type, detail) });
    }
}

internal static class ClaimsPrincipalExtensions
{
    public static Guid UserId(this ClaimsPrincipal principal) =>
        Guid.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The endpoint must require authorization."));
}
