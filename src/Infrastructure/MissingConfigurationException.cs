namespace Shop.Infrastructure;

/// <summary>A setting the host cannot start without; the message names the environment variable to set.</summary>
public sealed class MissingConfigurationException : InvalidOperationException
{
    public MissingConfigurationException(string message) : base(message)
    {
    }
}
