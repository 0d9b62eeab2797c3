using System.Security.Cryptography;
using Mediator;
using Shop.Application.Identity.Ports;
using Shop.Application.Identity.RegisterUser;

namespace Shop.WebApi.Common;

/// <summary>`create-admin EMAIL [NAME]`: the only way, with `seed`, to create an administrator's account.</summary>
internal static class AdminAccounts
{
    public static async Task<int> CreateAsync(IServiceProvider services, IReadOnlyList<string> arguments, TextWriter output)
    {
        if (arguments.Count is < 1 or > 2)
        {
            await output.WriteLineAsync("Usage: create-admin EMAIL [NAME]   (password from SHOP_ADMIN_PASSWORD, else generated)")
                .ConfigureAwait(false);
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var email = arguments[0];
        if (!scope.ServiceProvider.GetRequiredService<IAdministrators>().IsAdministrator(email))
        {
            await output.WriteLineAsync($"{email} is not listed in Shop:Admins; list it first (Shop__Admins__N).").ConfigureAwait(false);
            return 2;
        }

        var password = GivenOrGeneratedPassword("SHOP_ADMIN_PASSWORD");
        var name = arguments.Count == 2 ? arguments[1] : "Administrator";
        await scope.ServiceProvider.GetRequiredService<ISender>()
            .Send(new RegisterUserCommand(email, name, password, AsAdministrator: true)).ConfigureAwait(false);
        await output.WriteLineAsync($"Administrator {email} created; password: {password}").ConfigureAwait(false);
        return 0;
    }

    public static string GivenOrGeneratedPassword(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: >= 8 } given
            ? given
            : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
