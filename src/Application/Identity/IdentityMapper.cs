using Riok.Mapperly.Abstractions;
using Shop.Domain.Identity;

namespace Shop.Application.Identity;

[Mapper]
internal static partial class IdentityMapper
{
    [MapperIgnoreSource(nameof(User.PasswordHash))]
    [MapperIgnoreSource(nameof(User.IsAdministrator))]
    public static partial UserResponse ToResponse(this User user);
}
