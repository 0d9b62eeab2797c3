namespace Shop.Application.Identity;

/// <summary>A user as the API shows it: never the password or its hash.</summary>
public sealed record UserResponse(Guid Id, string Email, string Name, DateTime CreatedAt, DateTime UpdatedAt);
