using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Shop.Domain.Identity;

namespace Shop.Infrastructure.Identity;

/// <summary>
/// ASP.NET Core Identity's PBKDF2 hasher (HMAC-SHA512, 128-bit salt) at OWASP strength.
/// </summary>
internal sealed class AspNetPasswordHasher : Shop.Domain.Identity.IPasswordHasher
{
    public const int Iterations = 210_000;

    private readonly PasswordHasher<User> _hasher = new(Options.Create(new PasswordHasherOptions
    {
        CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
        IterationCount = Iterations,
    }));

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    public bool Verify(string passwordHash, string password) =>
        _hasher.VerifyHashedPassword(null!, passwordHash, password) != PasswordVerificationResult.Failed;
}
