namespace Shop.Infrastructure;

/// <summary>A setting the host cannot use; the message names the key, what it accepts and what it got.</summary>
public sealed class InvalidConfigurationException : InvalidOperationException
{
    public InvalidConfigurationException(string message) : base(message)
    {
    }
}
