package dev.mpc.contract;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonValue;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * An independent JSON Schema (2020-12) validator (networknt, test scope only) over the bundled
 * contract schemas, to check MPC's JSON against the contracts with code MPC did not write.
 */
public final class SchemaCheck {
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

  private SchemaCheck() {}

  /** The validation messages of {@code value} against bundled schema {@code fileName}; empty when valid. */
  public static Set<String> errors(String fileName, JsonValue value) {
    JsonSchema schema = SCHEMAS.computeIfAbsent(fileName,
        f -> FACTORY.getSchema(SchemaLocation.of("classpath:dev/mpc/contract/schemas/" + f)));
    Set<ValidationMessage> messages = schema.validate(Canonical.json(value), InputFormat.JSON);
    return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
  }
}
