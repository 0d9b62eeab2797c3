using Microsoft.Extensions.Options;
using Shop.Application.Identity.Ports;

namespace Shop.WebApi.Http.Authentication;

/// <summary>The administrators are the e-mails listed in `Shop:Admins`, compared as the shop stores e-mails.</summary>
internal sealed class ConfiguredAdministrators : IAdministrators
{
    private readonly HashSet<string> _emails;

    public ConfiguredAdministrators(IOptions<ShopOptions> options) =>
        _emails = new HashSet<string>(options.Value.Admins.Select(email => email.Trim()), StringComparer.OrdinalIgnoreCase);

    public bool IsAdministrator(string email) => _emails.Contains(email.Trim());
}
