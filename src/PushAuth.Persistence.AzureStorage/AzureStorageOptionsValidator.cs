using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace PushAuth.Persistence.AzureStorage;

/// <summary>Checks <see cref="AzureStorageOptions"/> at start, naming the configuration keys in its messages.</summary>
public sealed class AzureStorageOptionsValidator : IValidateOptions<AzureStorageOptions>
{
    private const string Section = AzureStorageOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, AzureStorageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{Section}:ConnectionString is required for the Azure Storage deployment (\"DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…\" or a SAS connection string).");
        }
        else
        {
            try
            {
                _ = new TableServiceClient(options.ConnectionString);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                // Only the kind of problem: the value may hold the account key.
                failures.Add($"{Section}:ConnectionString is not a valid Azure Storage connection string ({e.GetType().Name}).");
            }
        }
        if (string.IsNullOrWhiteSpace(options.StorageName))
        {
            failures.Add($"{Section}:StorageName must not be empty.");
        }
        // Table names: 3-63 letters and digits, starting with a letter; the longest name here adds 20 characters.
        if (options.TablePrefix.Length > 0 && (!char.IsAsciiLetter(options.TablePrefix[0]) || !options.TablePrefix.All(char.IsAsciiLetterOrDigit) || options.TablePrefix.Length > 43))
        {
            failures.Add($"{Section}:TablePrefix must be up to 43 ASCII letters and digits, starting with a letter.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
