package dev.ledgerline.web;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.DefaultConstraintValidators;
import io.micronaut.validation.validator.constraints.SizeValidator;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Annotation;
import java.util.Optional;

/**
 * String lengths are counted as the contract counts them. The generated models carry the spec's
 * {@code minLength}/{@code maxLength} as {@code @Size}, which Bean Validation measures in UTF-16
 * units, while JSON Schema counts characters (code points). A character outside the Basic
 * Multilingual Plane (an emoji, many CJK ideographs) is one character but two units, so an
 * 11-character password of them passed {@code minLength: 12} and a 100-character account name of
 * them failed {@code maxLength: 100}. Here {@code @Size} on text counts code points; every other
 * constraint is Micronaut's own.
 */
@Singleton
@Replaces(DefaultConstraintValidators.class)
public class ContractStringLengths extends DefaultConstraintValidators {

    private static final SizeValidator<CharSequence> CODE_POINTS = text -> Character.codePointCount(text, 0, text.length());

    @Inject
    public ContractStringLengths(BeanContext beanContext) {
        super(beanContext);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends Annotation, T> Optional<ConstraintValidator<A, T>> findConstraintValidator(Class<A> constraintType, Class<T> targetType) {
        if (constraintType == Size.class && CharSequence.class.isAssignableFrom(targetType)) {
            return Optional.of((ConstraintValidator<A, T>) (ConstraintValidator<?, ?>) CODE_POINTS);
        }
        return super.findConstraintValidator(constraintType, targetType);
    }
}
