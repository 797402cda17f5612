package io.whatsdev.camel.springboot;

import java.util.regex.Pattern;

import io.whatsdev.camel.WhatsDevComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.apache.camel.support.PluginHelper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * Applies {@code camel.component.whatsdev.*} to the whatsdev component when Camel creates it, the way Camel's own starters
 * configure theirs: a {@link ComponentCustomizer} copies every set property onto the component (through its generated
 * configurer, so values are checked as in a URI). {@code camel.component.whatsdev.enabled=false} or
 * {@code camel.component.whatsdev.customizer.enabled=false} turn it off.
 * <p>
 * {@code whatsdev.components.NAME.*} adds further whatsdev components (see {@link WhatsDevComponentsProperties}); they are
 * in the CamelContext before it starts, so routes find them by their scheme.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ ComponentConfigurationProperties.class, WhatsDevComponentConfiguration.class,
        WhatsDevComponentsProperties.class })
@ConditionalOnHierarchicalProperties({ "camel.component", "camel.component.whatsdev" })
public class WhatsDevComponentAutoConfiguration {

    @Autowired
    private ApplicationContext applicationContext;
    private final CamelContext camelContext;
    @Autowired
    private WhatsDevComponentConfiguration configuration;
    @Autowired
    private WhatsDevComponentsProperties named;

    public WhatsDevComponentAutoConfiguration(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Lazy
    @Bean
    public ComponentCustomizer configureWhatsDevComponent() {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                CamelPropertiesHelper.copyProperties(camelContext, configuration, target);
                WhatsDevComponentConfiguration own = named.getComponents().get(name);
                if (own != null) {
                    CamelPropertiesHelper.copyProperties(camelContext, own, target);
                }
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(applicationContext, "camel.component.customizer",
                        "camel.component.whatsdev.customizer") && target instanceof WhatsDevComponent;
            }
        };
    }

    @Bean
    public CamelContextConfiguration addNamedWhatsDevComponents() {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                named.getComponents().forEach((name, own) -> context.addComponent(checkedName(context, name), configured(name, own)));
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
                // nothing to do once started
            }
        };
    }

    /** Configured here, not by whether Camel applies customizers to added components: base options, then its own. */
    private WhatsDevComponent configured(String name, WhatsDevComponentConfiguration own) {
        WhatsDevComponent component = new WhatsDevComponent();
        component.setCamelContext(camelContext);
        CamelPropertiesHelper.copyProperties(camelContext, configuration, component);
        CamelPropertiesHelper.copyProperties(camelContext, own, component);
        return component;
    }

    static String checkedName(CamelContext context, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("whatsdev.components." + name + ": the name of a component must be lower-case letters, "
                                               + "digits and hyphens, starting with a letter, e.g. whatsdev-wassly");
        }
        if (context.hasComponent(name) != null || context.getRegistry().lookupByName(name) != null || onClassPath(context, name)) {
            throw new IllegalArgumentException("whatsdev.components." + name + ": Camel already has a component named '" + name
                                               + "'; choose another name, e.g. whatsdev-" + name);
        }
        return name;
    }

    /** Whether a component of that scheme is on the class path (http, timer, ...), as Camel would find it. */
    private static boolean onClassPath(CamelContext context, String name) {
        try {
            return PluginHelper.getComponentResolver(context).resolveComponent(name, context) != null;
        } catch (Exception e) {
            return true; // found, but could not be created: the name is still taken
        }
    }

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
}
