using System.Security.Cryptography;
using Mediator;
using Shop.Application.Errors;
using Shop.Application.Identity.RegisterUser;

namespace Shop.WebApi.Verbs;

/// <summary>
/// `create-admin EMAIL [NAME]`: the only way, with `seed`, to create an administrator's account. It creates a new
/// account or nothing: an e-mail that has an account already, whoever created it, is refused and never promoted.
/// </summary>
internal static class AdminAccounts
{
    public static async Task<int> CreateAsync(IServiceProvider services, IReadOnlyList<string> arguments, TextWriter output)
    {
        if (arguments.Count is < 1 or > 2)
        {
            await output.WriteLineAsync("Usage: create-admin EMAIL [NAME]   (password from SHOP_ADMIN_PASSWORD, else generated)");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var email = arguments[0];
        var (password, shown) = GivenOrGeneratedPassword("SHOP_ADMIN_PASSWORD");
        var name = arguments.Count == 2 ? arguments[1] : "Administrator";
        try
        {
            await scope.ServiceProvider.GetRequiredService<ISender>()
                .Send(new RegisterUserCommand(email, name, password, AsAdministrator: true));
        }
        catch (ConflictException)
        {
            await Console.Error.WriteLineAsync(
                $"create-admin: an account with {email} already exists; an existing account is never made an administrator.");
            return 1;
        }

        await output.WriteLineAsync($"Administrator {email} created; password: {shown}");
        return 0;
    }

    /// <summary>The password from <paramref name="variable"/>, or a generated one; and what may be printed of it.</summary>
    public static (string Password, string Shown) GivenOrGeneratedPassword(string variable)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: >= 8 } given)
        {
            return (given, $"the one in {variable}");
        }

        var generated = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return (generated, generated);
    }
}
