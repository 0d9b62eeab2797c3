namespace Shop.WebApi;

/// <summary>
/// A setting the web layer cannot use, as data: the composition root turns it into the host's start-up error, worded
/// in one place (<c>InvalidConfigurationException.For</c>), since the rest of the web layer knows nothing of Infrastructure.
/// </summary>
internal sealed record UnusableConfiguration(string Key, string Accepted, string? Actual);
