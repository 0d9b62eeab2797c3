using System.ComponentModel.DataAnnotations;

namespace Shop.Infrastructure.Identity;

/// <summary>The `Shop:Sessions` settings.</summary>
internal sealed class SessionOptions
{
    public const string Section = "Shop:Sessions";

    /// <summary>How many sessions a user may have open; a login beyond it ends the user's oldest session.</summary>
    [Range(1, 1_000, ErrorMessage = "a whole number from 1 to 1000")]
    public int MaxPerUser { get; set; } = 10;
}
