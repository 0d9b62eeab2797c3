namespace Shop.Domain.Identity;

/// <summary>A slow, salted password hash. Implemented outside the domain.</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    bool Verify(string passwordHash, string password);
}
