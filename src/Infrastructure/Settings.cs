using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Shop.Infrastructure;

/// <summary>
/// The shop's settings, through the options pattern: a configuration section bound to an options type whose property
/// initializers are the defaults, validated by the data annotations on its properties (each one's error message says
/// what the key accepts) when the host starts. A value the host cannot use, one that does not even bind included,
/// fails with <see cref="Unusable"/>'s one line; an empty value, as an empty environment variable gives, is the default.
/// </summary>
public static class Settings
{
    public static OptionsBuilder<TOptions> AddSettings<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class, new()
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new AnnotatedSettings<TOptions>(configuration, section)));
        return services.AddOptions<TOptions>()
            .Configure(options => Bind(configuration.GetSection(section), options))
            .ValidateOnStart();
    }

    /// <summary>The one wording of an unusable setting: the key, what it accepts, what it got, its environment variable.</summary>
    public static string Unusable(string key, string accepted, string? actual) =>
        $"{key} must be {accepted}; it is '{actual}' (environment variable {key.Replace(":", "__", StringComparison.Ordinal)}).";

    /// <summary>The lines of the settings a validation failure names (one exception per options type); none for any other exception.</summary>
    public static IReadOnlyList<string> UnusableIn(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException many when many.InnerExceptions.All(inner => inner is OptionsValidationException) =>
            [.. many.InnerExceptions.SelectMany(UnusableIn)],
        _ => [],
    };

    // The framework's binder, given only the keys that have a value: it fails on an empty number instead of keeping the
    // default. What it cannot convert fails the options' validation, named like any other unusable value.
    private static void Bind<TOptions>(IConfigurationSection section, TOptions options)
        where TOptions : class, new()
    {
        var values = section.AsEnumerable(makePathsRelative: true).Where(value => !string.IsNullOrEmpty(value.Value)).ToList();
        try
        {
            Of(values).Bind(options);
        }
        catch (InvalidOperationException)
        {
            var unbound = values.Where(value => !Binds<TOptions>(value))
                .Select(value => Unusable($"{section.Path}:{value.Key}", Accepted<TOptions>(value.Key), value.Value))
                .ToList();
            if (unbound.Count == 0)
            {
                throw;
            }

            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), unbound);
        }
    }

    private static bool Binds<TOptions>(KeyValuePair<string, string?> value)
        where TOptions : class, new()
    {
        try
        {
            Of([value]).Bind(new TOptions());
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static IConfigurationRoot Of(IEnumerable<KeyValuePair<string, string?>> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    // What the property a key binds to accepts, as its first data annotation words it.
    private static string Accepted<TOptions>(string key)
    {
        var property = typeof(TOptions).GetProperty(
            key.Split(ConfigurationPath.KeyDelimiter)[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property?.GetCustomAttributes<ValidationAttribute>().FirstOrDefault()?.FormatErrorMessage(property.Name)
            ?? $"a value of type {property?.PropertyType.Name ?? "unknown"}";
    }
}

/// <summary>
/// Validates an options object by the data annotations on its properties, as <c>ValidateDataAnnotations()</c> does, but
/// words each failure as <see cref="Settings.Unusable"/>: the key, the annotation's message, the configured text.
/// </summary>
internal sealed class AnnotatedSettings<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    private readonly IConfiguration _configuration;
    private readonly string _section;

    public AnnotatedSettings(IConfiguration configuration, string section)
    {
        _configuration = configuration;
        _section = section;
    }

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(result =>
        {
            // A list's annotation names the entry it refuses (TrustedProxies:1), so the key is the entry's.
            var member = result.MemberNames.FirstOrDefault() ?? string.Empty;
            var key = ConfigurationPath.Combine(_section, member);
            return Settings.Unusable(key, result.ErrorMessage ?? "usable", _configuration[key] ?? ValueOf(options, member));
        }));
    }

    private static string? ValueOf(TOptions options, string member) =>
        Convert.ToString(typeof(TOptions).GetProperty(member)?.GetValue(options), CultureInfo.InvariantCulture);
}
