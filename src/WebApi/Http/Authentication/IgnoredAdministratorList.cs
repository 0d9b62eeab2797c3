using Microsoft.Extensions.Options;
using Shop.Application.Identity.Ports;
using Shop.Domain.Common;
using Shop.Domain.Identity;

namespace Shop.WebApi.Http.Authentication;

/// <summary>
/// `Shop:Admins` once made the listed e-mails administrators, so that whoever registered a listed e-mail first became
/// one. It grants nothing now (administrators are so by record: `seed` and `create-admin`); a list still configured
/// is reported at start-up, with the listed e-mails whose accounts were registered by someone (not administrators).
/// </summary>
/// <remarks>
/// The e-mails are logged as configured: the operator wrote them into the settings, and must know which accounts to
/// look at; a hash would tell them nothing the count does not.
/// </remarks>
internal sealed partial class IgnoredAdministratorList : IHostedService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<ShopOptions> _options;
    private readonly ILogger<IgnoredAdministratorList> _logger;

    public IgnoredAdministratorList(IServiceScopeFactory scopes, IOptions<ShopOptions> options, ILogger<IgnoredAdministratorList> logger)
    {
        _scopes = scopes;
        _options = options;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var listed = _options.Value.Admins;
        if (listed.Count == 0)
        {
            return;
        }

        var emails = listed.Select(Normalized).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var selfRegistered = await scope.ServiceProvider.GetRequiredService<IUserQueries>().NonAdministratorsAmongAsync(emails, cancellationToken);
            LogIgnored(_logger, listed.Count, selfRegistered.Count, string.Join(", ", selfRegistered));
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The database may not be up yet: the host still starts, and the list is still ignored.
            LogIgnoredUnchecked(_logger, listed.Count, failure.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string? Normalized(string email)
    {
        try
        {
            return EmailAddress.Normalize(email);
        }
        catch (DomainValidationException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shop:Admins is ignored: it lists {Listed} e-mails, and administrators are now those created by the seed or create-admin verb. {SelfRegistered} of them have an account that is self-registered; not an administrator: [{Emails}]")]
    private static partial void LogIgnored(ILogger logger, int listed, int selfRegistered, string emails);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shop:Admins is ignored: it lists {Listed} e-mails, and administrators are now those created by the seed or create-admin verb. Which listed e-mails have self-registered accounts could not be checked: {Cause}")]
    private static partial void LogIgnoredUnchecked(ILogger logger, int listed, string cause);
}
