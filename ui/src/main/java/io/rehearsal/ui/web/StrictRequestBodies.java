package io.rehearsal.ui.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.rehearsal.command.drtest.TextRule;
import org.springframework.boot.web.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.Jackson2JsonDecoder;

import java.io.IOException;

/**
 * One strict reading of every JSON request body: a field the request does not have, anything after the JSON
 * value, a key given twice, a value of the wrong type (a number for text, text for a number) and text a report
 * cannot carry ({@link TextRule}) are refused before a controller sees the request. The application's own
 * ObjectMapper, which Axon also uses to read stored events, stays lenient: only the server's JSON decoder reads
 * with this copy.
 */
@Configuration(proxyBeanMethods = false)
class StrictRequestBodies {

    @Bean
    @Order(10) // after Spring Boot's customizer, which installs the application's ObjectMapper
    CodecCustomizer strictJsonRequestBodies(ObjectMapper application) {
        ObjectMapper strict = strict(application);
        return configurer -> {
            if (configurer instanceof ServerCodecConfigurer) {
                configurer.defaultCodecs().jackson2JsonDecoder(new Jackson2JsonDecoder(strict));
            }
        };
    }

    static ObjectMapper strict(ObjectMapper application) {
        ObjectMapper strict = application.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                        DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        strict.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            strict.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        strict.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        strict.registerModule(new SimpleModule("strict-text")
                .addDeserializer(String.class, new StrictText())
                .addKeyDeserializer(String.class, new StrictKey()));
        return strict;
    }

    /** Text only from a JSON string, and only text the domain's rule accepts. */
    static final class StrictText extends StdScalarDeserializer<String> {

        StrictText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            return checked(p, p.getText());
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    static final class StrictKey extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            return checked(ctxt.getParser(), key);
        }
    }

    private static String checked(JsonParser p, String text) throws UnacceptableText {
        var flaw = TextRule.flaw(text);
        if (flaw.isPresent()) {
            throw new UnacceptableText(p, flaw.get());
        }
        return text;
    }

    /** Text the domain refuses; its path, filled in by Jackson on the way out, names the field. */
    static final class UnacceptableText extends JsonMappingException {

        UnacceptableText(JsonParser p, String flaw) {
            super(p, flaw);
        }
    }
}
