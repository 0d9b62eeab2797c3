namespace Shop.Infrastructure;

/// <summary>A setting the host cannot use; the message names the key, what it accepts and what it got.</summary>
public sealed class InvalidConfigurationException : InvalidOperationException
{
    public InvalidConfigurationException(string message) : base(message)
    {
    }

    /// <summary>The one wording of an unusable setting: the key, what it accepts, what it got, its environment variable.</summary>
    public static InvalidConfigurationException For(string key, string accepted, string? actual) =>
        new(Settings.Unusable(key, accepted, actual));
}
