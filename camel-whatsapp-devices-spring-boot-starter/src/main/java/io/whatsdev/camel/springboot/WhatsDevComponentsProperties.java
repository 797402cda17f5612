package io.whatsdev.camel.springboot;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * More whatsdev components, by properties alone: {@code whatsdev.components.NAME.OPTION=value} creates a component
 * named NAME (its URIs start with {@code NAME:}) with these options over those of {@code camel.component.whatsdev.*}.
 * This is how an application talks to two gateways, or two accounts of one, each with its own credentials, and keeps
 * every route URI free of secrets:
 *
 * <pre>
 * camel.component.whatsdev.token = ${WHATSPIE_TOKEN}
 * whatsdev.components.whatsdev-wassly.api-key = ${WASSLY_API_KEY}
 *
 * from("whatsdev:whatspie/devices") ... from("whatsdev-wassly:wassly/devices") ...
 * </pre>
 *
 * Camel's own answer to "two instances of one component" is a bean per instance; this makes that bean from properties.
 */
@ConfigurationProperties(prefix = "whatsdev")
public class WhatsDevComponentsProperties {

    /**
     * Further whatsdev components by name (lower-case letters, digits and hyphens; not a name Camel already knows,
     * such as http): each takes the options of camel.component.whatsdev.* and overrides them with its own.
     */
    private Map<String, WhatsDevComponentConfiguration> components = new LinkedHashMap<>();

    public Map<String, WhatsDevComponentConfiguration> getComponents() {
        return components;
    }

    public void setComponents(Map<String, WhatsDevComponentConfiguration> components) {
        this.components = components;
    }
}
